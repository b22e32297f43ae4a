/**
 * 300 technology and role words people put in job alerts, roughly most asked-for first: the bench
 * draws query terms from this list with Zipf-like weights (rank r has weight 1/r). Qualifiers such
 * as remote and senior are common in alerts but rarely alone, so they come after the first
 * technologies.
 */
import { parseQuery } from "../src/core/query/parse.js";

export const VOCABULARY: readonly string[] = `
python javascript typescript react golang rust java node.js remote senior
kubernetes aws devops backend frontend fullstack django rails ruby php
c++ c# .net scala kotlin swift ios android flutter react-native
vue angular svelte next.js nuxt express nestjs graphql postgresql mongodb
redis docker terraform gcp azure sre elixir erlang haskell clojure
machine-learning llm mlops pytorch tensorflow nlp computer-vision data-engineer data-scientist analytics
spark kafka airflow dbt snowflake databricks bigquery etl pandas scikit-learn
laravel symfony flask fastapi spring dotnet unity unreal gamedev webgl
blockchain web3 solidity ethereum defi fintech payments trading quant embedded
firmware robotics hardware linux bash ansible helm argocd prometheus grafana
datadog observability sysadmin networking security cybersecurity pentest appsec qa selenium
cypress playwright automation engineer developer architect designer ux ui figma
product-manager scrum agile lead staff principal junior intern internship graduate
cto vp director head consultant contractor freelance part-time contract hourly
europe usa uk germany canada latam emea asia apac worldwide
elasticsearch clickhouse cassandra dynamodb mysql sqlite oracle neo4j ci/cd jenkins
github gitlab serverless lambda cloudflare vercel nginx microservices grpc websockets
wasm webassembly electron three.js shaders audio video streaming ocaml f#
perl lua r matlab julia fortran cobol assembly c zig
dart objective-c groovy hadoop keras numpy tableau powerbi looker excel
statistics phd research bioinformatics genomics biotech healthcare edtech ecommerce saas
b2b startup enterprise consulting agency open-source unix distributed async api
rest opensearch redshift mssql puppet chef monitoring support helpdesk technical-writer
documentation marketing seo content community recruiter finance accounting legal operations
jira accessibility animation games graphics media banking insurance risk compliance
regtech govtech climate energy chemistry physics mathematics education nonprofit wordpress
shopify magento salesforce sap hubspot zapier no-code low-code webflow tokio
actix axum gin echo fiber phoenix liveview htmx alpine tailwind
sass webpack vite babel jest mocha rspec pytest junit gradle
maven cmake llvm compilers kernel ebpf rtos fpga verilog vhdl
`
  .trim()
  .split(/\s+/);

/** Words that narrow an alert but are not what it is about: nobody subscribes to "remote" alone. */
export const QUALIFIERS: ReadonlySet<string> = new Set(
  "remote senior lead staff principal junior intern internship graduate contract part-time freelance contractor hourly europe usa uk germany canada latam emea asia apac worldwide".split(
    " ",
  ),
);

/** Whether /subscribe would take a drawn query (one may exclude a word it also asks for): benches draw again. */
export function accepted(query: string): boolean {
  try {
    parseQuery(query);
    return true;
  } catch {
    return false;
  }
}
