# A stage APIs are published to; callers choose it with the X-Stage header. RELEASE always exists
# (look it up with the apigw_stage data source instead of creating it).
resource "apigw_stage" "test" {
  name        = "TEST"
  description = "Integration tests"
}
