// Types for checkPackaging.mjs (plain JS so it runs with `node` alone).
export function checkPackaging(): { failures: string[]; output: string };
