import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildLiveOpenApiDocument } from '../openapi/openapi-file.js';
import { renderReferenceDocs } from './reference-docs.js';

/** `npm run docs`: writes the generated reference files under docs/ (this file is dist/docs/). */
const docs = renderReferenceDocs(await buildLiveOpenApiDocument());
for (const [path, text] of Object.entries(docs) as [string, string][]) {
  const target = fileURLToPath(new URL(`../../${path}`, import.meta.url));
  await writeFile(target, text);
  process.stdout.write(`Wrote ${target}\n`);
}
