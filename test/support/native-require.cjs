// Jest (before Node 24.9) cannot require() an ES module from CommonJS, which @fastify/static (CJS) does
// with content-disposition (ESM). Node 20.19+ can: this bridge hands the package to Node's own loader.
const { createRequire } = process.getBuiltinModule('node:module');

module.exports = createRequire(__filename)('content-disposition');
