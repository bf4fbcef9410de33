// The export list as folders: "k8s/base/gateway.yaml" under k8s/ → base/. Folders first, each
// level sorted by name, so 127 generated files read as a few folders instead of a flat list.
export interface FolderNode {
  name: string;
  /** The folder's path from the root ("k8s/base"); "" for the root. */
  path: string;
  folders: FolderNode[];
  files: { name: string; path: string }[];
  /** Files in this folder and below. */
  count: number;
}

export function fileTree(paths: readonly string[]): FolderNode {
  const root: FolderNode = { name: '', path: '', folders: [], files: [], count: 0 };
  for (const path of paths) {
    const parts = path.split('/');
    let at = root;
    at.count++;
    for (const part of parts.slice(0, -1)) {
      let next = at.folders.find((f) => f.name === part);
      if (!next) {
        next = { name: part, path: at.path ? `${at.path}/${part}` : part, folders: [], files: [], count: 0 };
        at.folders.push(next);
      }
      next.count++;
      at = next;
    }
    at.files.push({ name: parts.at(-1)!, path });
  }
  const sort = (f: FolderNode) => {
    f.folders.sort((a, b) => a.name.localeCompare(b.name));
    f.files.sort((a, b) => a.name.localeCompare(b.name));
    f.folders.forEach(sort);
  };
  sort(root);
  return root;
}
