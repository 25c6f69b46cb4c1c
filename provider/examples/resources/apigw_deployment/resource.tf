# Publishes an API in a stage. Any change to `triggers` republishes, so hashing the API definition
# makes every API change go live on the next apply.
resource "apigw_group" "shop" {
  name = "shop"
}

data "apigw_stage" "release" {
  name = "RELEASE"
}

resource "apigw_api" "get_order" {
  group_id = apigw_group.shop.id
  name     = "get_order"

  request {
    method = "GET"
    path   = "/orders"
  }

  backend {
    type      = "MOCK"
    mock_body = "[]"
  }
}

resource "apigw_deployment" "get_order" {
  api_id      = apigw_api.get_order.id
  stage_id    = data.apigw_stage.release.id
  description = "Managed by Terraform"
  triggers = {
    definition = sha1(jsonencode([apigw_api.get_order.request, apigw_api.get_order.backend, apigw_api.get_order.parameters]))
  }
}
