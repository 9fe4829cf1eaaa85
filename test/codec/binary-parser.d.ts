// binary-parser 2.3 ships types, but its package.json "exports" has no "types" condition for
// `import`, so NodeNext resolution cannot find them. Point the bare specifier at the shipped .d.ts.
declare module 'binary-parser' {
  export * from 'binary-parser/dist/esm/binary_parser.js';
}
