// The e2e suites run the *built* gateway (dist/) in Node's own module loader, not in jest's module
// registry: on Node 20, jest cannot require() an ES module from CommonJS, which CommonJS dependencies such
// as @nestjs/throttler and @fastify/static do with the ESM-only NestJS 12 packages; Node 20.19+ can.
// A test environment is loaded by Node itself, so the loader it hands to the tests is the native one.
// `npm test` builds dist/ first (the pretest script).
const { TestEnvironment } = require('jest-environment-node');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');

class BuiltGatewayEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.loadBuilt = (path) => {
      if (!existsSync(join(dist, 'main.js')))
        throw new Error('dist/ is missing: run `npm run build` (npm test does)');
      require('reflect-metadata');
      return require(join(dist, path));
    };
    // The same instance of a package that the built gateway imports (Node shares one module map between
    // `require` and `import`), for tests that hand the built code a collaborator from that package.
    this.global.loadPackage = (name) => require(require.resolve(name, { paths: [root] }));
  }
}

module.exports = BuiltGatewayEnvironment;
