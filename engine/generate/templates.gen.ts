// Generated from templates/stubs/ by `npm run -s golden`; do not edit (a test checks it is fresh).
// prettier-ignore
export const STUB_TEMPLATES: Record<string, string> = {

};
