# Applies a throttling policy to an API in a stage.
resource "apigw_group" "shop" {
  name = "shop"
}

data "apigw_stage" "release" {
  name = "RELEASE"
}

resource "apigw_api" "orders" {
  group_id = apigw_group.shop.id
  name     = "orders"

  request {
    method = "GET"
    path   = "/orders"
  }

  backend {
    address = "http://orders.internal:8080"
  }
}

resource "apigw_throttling_policy" "standard" {
  name      = "standard"
  time_unit = "SECOND"
  api_limit = 50
}

resource "apigw_throttling_binding" "orders" {
  policy_id = apigw_throttling_policy.standard.id
  api_id    = apigw_api.orders.id
  stage_id  = data.apigw_stage.release.id
}
