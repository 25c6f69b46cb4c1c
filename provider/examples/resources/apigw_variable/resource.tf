# A stage variable: #orders_backend# in a backend address resolves per group and stage.
resource "apigw_group" "shop" {
  name = "shop"
}

resource "apigw_stage" "test" {
  name = "TEST"
}

resource "apigw_variable" "orders_backend" {
  group_id = apigw_group.shop.id
  stage_id = apigw_stage.test.id
  name     = "orders_backend"
  value    = "http://orders.test.internal:8080"
}
