// The starter designs: every templates/*.arch.yaml, found at build time, so a new template
// appears in the gallery without code changes.
const files = import.meta.glob('../../templates/*.arch.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Template {
  /** e.g. "e-commerce" */
  id: string;
  fileName: string;
  title: string;
  summary: string;
  text: string;
}

function describe(id: string, text: string): Template {
  const comments: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    comments.push(line.replace(/^#\s?/, ''));
  }
  const description = /^description:\s*(.+)$/m.exec(text)?.[1]?.trim();
  const heading = comments.join(' ').trim();
  const title = heading.includes(':') ? heading.slice(0, heading.indexOf(':')) : id;
  const summary = description ?? (heading.includes(':') ? heading.slice(heading.indexOf(':') + 1).trim() : heading);
  return { id, fileName: `${id}.arch.yaml`, title, summary, text };
}

export const TEMPLATES: readonly Template[] = Object.entries(files)
  .map(([path, text]) =>
    describe(
      path
        .split('/')
        .pop()!
        .replace(/\.arch\.yaml$/, ''),
      text,
    ),
  )
  .sort((a, b) => (a.id === 'e-commerce' ? -1 : b.id === 'e-commerce' ? 1 : a.id.localeCompare(b.id)));

export const DEFAULT_TEMPLATE = TEMPLATES.find((t) => t.id === 'e-commerce') ?? TEMPLATES[0];

/** An empty design: New offers it first, beside the templates. */
export const BLANK_TEMPLATE: Template = {
  id: 'blank',
  fileName: 'untitled.arch.yaml',
  title: 'Blank',
  summary: 'An empty design: drag nodes in from the palette.',
  text: 'version: 1\nname: untitled\nnodes: {}\n',
};
