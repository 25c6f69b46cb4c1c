# Lets an app call an APP-authenticated API in a stage.
resource "apigw_group" "shop" {
  name = "shop"
}

data "apigw_stage" "release" {
  name = "RELEASE"
}

resource "apigw_api" "orders" {
  group_id  = apigw_group.shop.id
  name      = "orders"
  auth_type = "APP"

  request {
    method = "GET"
    path   = "/orders"
  }

  backend {
    address = "http://orders.internal:8080"
  }
}

resource "apigw_app" "mobile" {
  name = "mobile"
}

resource "apigw_app_authorization" "mobile_orders" {
  app_id   = apigw_app.mobile.id
  api_id   = apigw_api.orders.id
  stage_id = data.apigw_stage.release.id
}
