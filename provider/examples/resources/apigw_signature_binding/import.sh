# The import ID is the object's id, as the management API shows it:
#   curl -s -H "Authorization: Bearer $APIGW_TOKEN" "$APIGW_ENDPOINT/v1/signature-bindings"
terraform import apigw_signature_binding.orders 0123456789abcdef0123456789abcdef

# Or, with Terraform >= 1.5 / OpenTofu >= 1.6, an import block in the configuration:
#   import {
#     to = apigw_signature_binding.orders
#     id = "0123456789abcdef0123456789abcdef"
#   }
