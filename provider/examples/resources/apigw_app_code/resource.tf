# An AppCode for simple authentication; generated when `code` is not given.
resource "apigw_app" "mobile" {
  name = "mobile"
}

resource "apigw_app_code" "mobile" {
  app_id = apigw_app.mobile.id
}
