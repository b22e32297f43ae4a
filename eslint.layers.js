// The layer rule of DESIGN §1 as a lint rule: imports point inwards. Each file belongs to the
// layer of its folder; a relative import is resolved and must land in a layer this one may use,
// and a package import must be one this layer may use. tests/ and bench/ may import anything.
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Layer of a repository-relative path, or undefined when the rule does not apply. */
function layerOf(relative) {
  const p = relative.split(path.sep).join("/");
  if (p.startsWith("src/core/")) return "core";
  if (p.startsWith("commands/")) return "commands";
  if (p.startsWith("src/sources/")) return "sources";
  if (p === "src/store/store.ts") return "store-interface";
  if (p.startsWith("src/store/")) return "store";
  if (p === "src/delivery/transport.ts") return "transport-interface";
  if (p.startsWith("src/delivery/")) return "delivery";
  const adapter = /^src\/adapters\/([^/]+)\//.exec(p);
  if (adapter) return `adapter:${adapter[1]}`;
  if (p.startsWith("src/")) return "composition";
  return undefined;
}

const FILE_SYSTEM_AND_NETWORK = [
  "node:fs",
  "node:fs/promises",
  "node:http",
  "node:https",
  "node:net",
  "node:child_process",
  "node:dgram",
];
const PLATFORM_LIBRARIES = ["grammy", "@grammyjs/", "discord.js", "@discordjs/"];

// may: the layers this one may import; packages: allowed package prefixes ("node:" = built-ins).
const RULES = {
  core: { may: ["core"], packages: ["node:"], deny: FILE_SYSTEM_AND_NETWORK },
  commands: { may: ["core", "commands", "store-interface"], packages: [] },
  sources: { may: ["core", "sources"], packages: ["node:", "cheerio", "fast-xml-parser"] },
  "store-interface": { may: ["core"], packages: [] },
  store: { may: ["core", "store", "store-interface"], packages: ["node:", "lowdb", "zod", "pg"] },
  "transport-interface": { may: ["core"], packages: [] },
  delivery: { may: ["core", "delivery", "transport-interface", "store-interface"], packages: ["node:"] },
};

function adapterRule(name) {
  const own = { telegram: ["grammy", "@grammyjs/"], discord: ["discord.js", "@discordjs/"], console: [] }[name] ?? [];
  return {
    may: [
      "core",
      "commands",
      "sources",
      "store-interface",
      "store",
      "transport-interface",
      "delivery",
      `adapter:${name}`,
    ],
    packages: ["node:", ...own],
  };
}

function ruleFor(layer) {
  if (layer.startsWith("adapter:")) return adapterRule(layer.slice("adapter:".length));
  return RULES[layer];
}

const layerBoundaries = {
  meta: { type: "problem", docs: { description: "imports point inwards (DESIGN §1)" }, schema: [] },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const layer = layerOf(file);
    const rule = layer && ruleFor(layer);
    if (!rule) return {};
    function check(node) {
      if (!node.source || typeof node.source.value !== "string") return;
      if (node.importKind === "type" && layer.startsWith("adapter:")) return;
      const spec = node.source.value;
      if (spec.startsWith(".")) {
        const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).replace(/\.js$/, ".ts");
        const targetLayer = layerOf(target) ?? "outside";
        if (!rule.may.includes(targetLayer)) {
          context.report({
            node,
            message: `${layer} may not import ${targetLayer} (${spec}): imports point inwards, see DESIGN §1`,
          });
        }
        return;
      }
      const denied =
        (rule.deny ?? []).some((d) => spec === d) ||
        (PLATFORM_LIBRARIES.some((p) => spec.startsWith(p)) &&
          !rule.packages.some((p) => p !== "node:" && spec.startsWith(p)));
      const allowed = rule.packages.some(
        (p) => spec === p || spec.startsWith(p.endsWith("/") || p.endsWith(":") ? p : `${p}/`),
      );
      if (denied || !allowed) {
        context.report({
          node,
          message: `${layer} may not import the package "${spec}": see the layer table in DESIGN §1`,
        });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => check({ ...node, source: node.source }),
    };
  },
};

export default { rules: { "layer-boundaries": layerBoundaries } };
