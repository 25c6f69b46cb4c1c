# An API: the front-end request, its parameters, and the backend it is proxied to. Edits take effect
# when the API is published again (see apigw_deployment).
resource "apigw_group" "shop" {
  name = "shop"
}

resource "apigw_api" "get_order" {
  group_id    = apigw_group.shop.id
  name        = "get_order"
  description = "One order by id"
  tags        = ["orders"]

  request {
    method = "GET"
    path   = "/orders/{id}"
  }

  parameters {
    name     = "id"
    location = "PATH"
    type     = "INTEGER"
    required = true
  }

  backend {
    address    = "http://orders.internal:8080"
    path       = "/v1/orders/{id}"
    timeout_ms = 3000
  }
}
