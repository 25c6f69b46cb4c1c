// Starts the private PostgreSQL server once per jest run (when a project needs it) and migrates a
// template database; each test file then clones the template (CREATE DATABASE … TEMPLATE).
const { startPostgres } = require('./postgres-server');

module.exports = async function globalSetup() {
  const names = require('../../../jest.config.js').projects.map((p) => p.displayName);
  if (!names.includes('postgres') && !names.includes('acceptance')) return;
  const server = await startPostgres();
  globalThis.__APIGW_PG__ = server;
  process.env.APIGW_TEST_PG_URL = server.url;
  require('tsx/cjs');
  const { createTemplateDatabase } = require('./databases.ts');
  await createTemplateDatabase(server.url);
};
