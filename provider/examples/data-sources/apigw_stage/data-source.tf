# Looks up a stage by name; RELEASE exists in every tenant.
data "apigw_stage" "release" {
  name = "RELEASE"
}
