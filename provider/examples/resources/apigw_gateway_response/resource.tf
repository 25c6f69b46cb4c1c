# Shapes the gateway's own 429 answer for one group.
resource "apigw_group" "shop" {
  name = "shop"
}

resource "apigw_gateway_response" "throttled" {
  group_id   = apigw_group.shop.id
  error_type = "THROTTLED"
  status     = 429
  body       = "{\"error\":\"slow down\",\"request_id\":\"$context.requestId\"}"
  headers = {
    "Retry-After" = "60"
  }
}
