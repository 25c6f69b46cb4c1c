# The README's quick start: a group with one mock API, published in RELEASE. Needs APIGW_ENDPOINT and
# APIGW_TOKEN, and the provider installed with `make provider-install` (see the README, "Terraform").
terraform {
  required_providers {
    apigw = {
      source = "apigw/apigw"
    }
  }
}

resource "apigw_group" "shop" {
  name = "shop"
}

data "apigw_stage" "release" {
  name = "RELEASE"
}

resource "apigw_api" "hello" {
  group_id = apigw_group.shop.id
  name     = "hello"

  request {
    method = "GET"
    path   = "/hello"
  }

  backend {
    type      = "MOCK"
    mock_body = "{\"hello\":\"world\"}"
  }
}

resource "apigw_deployment" "hello" {
  api_id   = apigw_api.hello.id
  stage_id = data.apigw_stage.release.id
  triggers = {
    definition = sha1(jsonencode([apigw_api.hello.request, apigw_api.hello.backend]))
  }
}

output "host" {
  description = "The Host header that reaches the group through the proxy."
  value       = apigw_group.shop.subdomain
}

output "try" {
  value = "curl -H 'Host: ${apigw_group.shop.subdomain}' http://127.0.0.1:8000/hello"
}
