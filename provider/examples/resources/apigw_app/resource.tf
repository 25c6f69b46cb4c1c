# An API consumer. The gateway generates app_key and app_secret; the secret is returned only when
# the app is created, so Terraform keeps it in state (sensitive).
resource "apigw_app" "mobile" {
  name        = "mobile"
  description = "The mobile app"
}

output "app_key" {
  value = apigw_app.mobile.app_key
}
