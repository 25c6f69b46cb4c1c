# apigw developer interface. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_MODULES := node_modules/.package-lock.json
export CHECKPOINT_DISABLE := 1

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(NODE_MODULES): package.json service/package.json provider/package.json
	npm install --no-audit --no-fund
	@touch $@

install: $(NODE_MODULES) ## Install npm dependencies

build: $(NODE_MODULES) ## Compile the service
	npm run build -w service

run: build ## Run apigw on the embedded SQLite database, with a ready token and a curl example
	@bash scripts/run.sh

lint: $(NODE_MODULES) ## Type-check and lint everything, check generated files and the OpenAPI document
	npx tsc -p service --noEmit
	npx tsc -p provider --noEmit
	npx eslint service/src provider/src provider/scripts provider/test
	npm run -s openapi -w service
	npx redocly lint openapi/openapi.json --format=stylish
	@git diff --exit-code -- openapi/ || (echo "openapi/openapi.json is stale: run 'make docs' and commit it" && exit 1)
	@$(MAKE) -s provider-schema
	@git diff --exit-code -- provider/schema provider/docs || (echo "provider/schema or provider/docs is stale: run 'make provider-schema' and commit it" && exit 1)

test: $(NODE_MODULES) lint provider ## Run every test (unit, SQLite, PostgreSQL, terraform acceptance); ends with a pass/fail count
	@sh provider/scripts/check-cli.sh
	@bash scripts/test.sh

docs: $(NODE_MODULES) ## Regenerate the OpenAPI document
	npm run -s openapi -w service

provider: $(NODE_MODULES) ## Build the Terraform provider: provider/dist/provider.js (one bundle) and its launcher terraform-provider-apigw
	@sh provider/scripts/build.sh

provider-install: provider ## Install the provider into the filesystem mirror provider/dist/mirror (PROVIDER_MIRROR=dir to change) and write provider/dist/{mirror,dev}.tfrc
	@sh provider/scripts/install.sh $(PROVIDER_MIRROR)

provider-schema: $(NODE_MODULES) ## Rewrite provider/schema/apigw.schema.json and the docs in provider/docs (commit both; CI diffs them)
	@npm run -s schema -w provider
	@npm run -s docs -w provider

.PHONY: help install build run lint test docs provider provider-install provider-schema

bench: build ## Benchmark apigw against nginx and http-proxy side by side (knobs BENCH_DURATION, BENCH_ROUNDS, BENCH_CONNECTIONS: bench/README.md)
	node bench/run.js

.PHONY: bench
