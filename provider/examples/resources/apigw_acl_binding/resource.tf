# Applies an access control policy to an API in a stage.
resource "apigw_group" "shop" {
  name = "shop"
}

data "apigw_stage" "release" {
  name = "RELEASE"
}

resource "apigw_api" "admin" {
  group_id = apigw_group.shop.id
  name     = "admin"

  request {
    method = "ANY"
    path   = "/admin/{rest+}"
  }

  parameters {
    name     = "rest"
    location = "PATH"
  }

  backend {
    address = "http://admin.internal:8080"
  }
}

resource "apigw_acl_policy" "office" {
  name   = "office"
  type   = "ALLOW"
  values = ["10.0.0.0/8"]
}

resource "apigw_acl_binding" "admin" {
  policy_id = apigw_acl_policy.office.id
  api_id    = apigw_api.admin.id
  stage_id  = data.apigw_stage.release.id
}
