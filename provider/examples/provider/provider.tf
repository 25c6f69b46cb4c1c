# The apigw provider talks to the management API of one apigw service. Both settings fall back to
# environment variables (APIGW_ENDPOINT, APIGW_TOKEN), so CI needs no secrets in HCL.
terraform {
  required_providers {
    apigw = {
      source = "registry.terraform.io/apigw/apigw"
    }
  }
}

provider "apigw" {
  endpoint = "http://127.0.0.1:8001" # or APIGW_ENDPOINT
  # token  = "…"                     # or APIGW_TOKEN: npx apigw token create --tenant NAME
}
