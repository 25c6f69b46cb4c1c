# At most 1000 calls a minute per API, 100 per app, with a higher limit for one partner tenant.
resource "apigw_throttling_policy" "standard" {
  name         = "standard"
  time_unit    = "MINUTE"
  api_limit    = 1000
  tenant_limit = 500
  app_limit    = 100

  special_limits {
    target_type = "TENANT"
    target_id   = "partner"
    limit       = 800
  }
}
