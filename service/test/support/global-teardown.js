module.exports = async function globalTeardown() {
  globalThis.__APIGW_PG__?.stop();
};
