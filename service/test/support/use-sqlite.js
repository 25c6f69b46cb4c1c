process.env.APIGW_TEST_DB = 'sqlite';
