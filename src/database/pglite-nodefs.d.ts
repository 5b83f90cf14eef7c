// The types of PGlite's `./nodefs` entry point, which moduleResolution "node" cannot find
// through the package's exports map (the runtime require resolves it).
declare module '@electric-sql/pglite/nodefs' {
  export { NodeFS } from '@electric-sql/pglite/dist/fs/nodefs';
}
