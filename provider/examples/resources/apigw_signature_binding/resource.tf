# Signs the backend requests of an API in a stage with a signature key.
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

resource "apigw_signature_key" "orders" {
  name   = "orders"
  key    = "gateway-1"
  secret = "change-me-at-least-16-chars"
}

resource "apigw_signature_binding" "orders" {
  signature_key_id = apigw_signature_key.orders.id
  api_id           = apigw_api.orders.id
  stage_id         = data.apigw_stage.release.id
}
