/** Writes the management API's OpenAPI document to openapi/openapi.json (run: npm run openapi -w service). */
import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from '../src/control/openapi/document';

const target = path.resolve(__dirname, '../../openapi/openapi.json');
fs.writeFileSync(target, JSON.stringify(buildOpenApiDocument(), null, 2) + '\n');
