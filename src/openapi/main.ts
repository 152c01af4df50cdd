import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderOpenApiDocument } from './openapi-file.js';

/** `npm run openapi`: writes the document to `openapi.json` at the repository root (this file is dist/openapi/). */
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
await writeFile(target, await renderOpenApiDocument());
process.stdout.write(`Wrote ${target}\n`);
