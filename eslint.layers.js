// The layers of docs/ARCHITECTURE.md as lint rules: imports point inwards, and platforms are
// plug-ins. Each file belongs to the layer of its folder; a relative import is resolved and must
// land in a layer this one may use (type-only imports too), and a package import must be one this
// layer may use. Core also may not reach the outside through globals (fetch, process, timers, the
// wall clock), and core, commands and delivery may not name a platform. tests/ and bench/ may
// import anything.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The platforms are the folders under src/adapters/: a new one is known by being there. */
const PLATFORMS = readdirSync(path.join(ROOT, "src/adapters"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

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
  if (p === "src/adapters/platform.ts") return "platform-contract";
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

/**
 * Platform libraries and the adapter that owns each: no other layer may import them. A new
 * platform's adapter may import its own library without a line here; adding one makes the other
 * adapters' use of it fail.
 */
const PLATFORM_LIBRARIES = {
  telegram: ["grammy", "@grammyjs/"],
  discord: ["discord.js", "@discordjs/"],
  slack: ["@slack/"],
};

const matchesPackage = (spec, p) => spec === p || spec.startsWith(p.endsWith("/") || p.endsWith(":") ? p : `${p}/`);

// may: the layers this one may import; packages: allowed package prefixes ("node:" = built-ins,
// "*" = any package but another platform's library).
const RULES = {
  core: { may: ["core"], packages: ["node:"], deny: FILE_SYSTEM_AND_NETWORK },
  commands: { may: ["core", "commands", "store-interface"], packages: [] },
  sources: { may: ["core", "sources"], packages: ["node:", "cheerio", "fast-xml-parser", "undici"] },
  "store-interface": { may: ["core"], packages: [] },
  store: { may: ["core", "store", "store-interface"], packages: ["node:", "zod", "pg", "pg-copy-streams"] },
  "transport-interface": { may: ["core"], packages: [] },
  delivery: { may: ["core", "delivery", "transport-interface", "store-interface"], packages: ["node:"] },
  "platform-contract": {
    may: ["core", "commands", "store-interface", "transport-interface", "delivery"],
    packages: ["node:", "zod"],
  },
};

function adapterRule(name) {
  return {
    may: [
      "core",
      "commands",
      "sources",
      "store-interface",
      "store",
      "transport-interface",
      "delivery",
      "platform-contract",
      `adapter:${name}`,
    ],
    packages: ["node:", "*"],
    own: PLATFORM_LIBRARIES[name] ?? [],
  };
}

function ruleFor(layer) {
  if (layer.startsWith("adapter:")) return adapterRule(layer.slice("adapter:".length));
  return RULES[layer];
}

function packageRefusal(rule, spec) {
  const platformLibrary = Object.values(PLATFORM_LIBRARIES)
    .flat()
    .some((p) => matchesPackage(spec, p));
  if (platformLibrary && !(rule.own ?? []).some((p) => matchesPackage(spec, p))) return true;
  if ((rule.deny ?? []).includes(spec)) return true;
  return !rule.packages.some((p) => p === "*" || matchesPackage(spec, p));
}

const layerBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "imports point inwards (docs/ARCHITECTURE.md, The house)" },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const layer = layerOf(file);
    const rule = layer && ruleFor(layer);
    if (!rule) return {};
    function check(node) {
      if (!node.source || typeof node.source.value !== "string") return;
      const spec = node.source.value;
      if (spec.startsWith(".")) {
        const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).replace(/\.js$/, ".ts");
        const targetLayer = layerOf(target) ?? "outside";
        if (!rule.may.includes(targetLayer)) {
          context.report({
            node,
            message: `${layer} may not import ${targetLayer} (${spec}): imports point inwards, see docs/ARCHITECTURE.md`,
          });
        }
        return;
      }
      if (packageRefusal(rule, spec)) {
        context.report({
          node,
          message: `${layer} may not import the package "${spec}": see the layers in docs/ARCHITECTURE.md`,
        });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => check({ ...node, source: node.source }),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal && typeof literal.value === "string") check({ ...node, source: literal });
      },
    };
  },
};

/** Globals through which code reaches the outside world: the network, the process, time. */
const OUTSIDE_GLOBALS = new Set([
  "fetch",
  "process",
  "require",
  "setTimeout",
  "setInterval",
  "XMLHttpRequest",
  "WebSocket",
  "performance",
]);
const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window"]);
/** The one core file allowed to read the wall clock: the system Clock everything else is given. */
const CLOCK_FILE = "src/core/clock.ts";

const coreIsPure = {
  meta: {
    type: "problem",
    docs: { description: "core reaches nothing outside through globals (docs/ARCHITECTURE.md, The house)" },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join("/");
    if (layerOf(file) !== "core") return {};
    const report = (node, what) =>
      context.report({
        node,
        message: `core may not use ${what}: pass a dependency in (clock, timers, http), see docs/ARCHITECTURE.md`,
      });
    return {
      "Program:exit"(program) {
        for (const reference of context.sourceCode.getScope(program).through) {
          const name = reference.identifier.name;
          if (OUTSIDE_GLOBALS.has(name)) report(reference.identifier, name);
        }
      },
      MemberExpression(node) {
        const object = node.object.type === "Identifier" ? node.object.name : undefined;
        const property = node.property.type === "Identifier" ? node.property.name : undefined;
        if (object && GLOBAL_OBJECTS.has(object) && property && OUTSIDE_GLOBALS.has(property))
          report(node, `${object}.${property}`);
        if (object === "Date" && property === "now" && file !== CLOCK_FILE) report(node, "Date.now (the wall clock)");
      },
      NewExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0)
          report(node, "new Date() (the wall clock)");
      },
    };
  },
};

/** Where platforms are known only as string keys: a platform's name as a literal is a leak. */
const PLATFORM_NEUTRAL = new Set(["core", "commands", "delivery", "transport-interface", "store-interface"]);

const namesNoPlatform = {
  meta: {
    type: "problem",
    docs: { description: "core, commands and delivery name no platform (docs/ARCHITECTURE.md)" },
    schema: [],
  },
  create(context) {
    const layer = layerOf(path.relative(ROOT, context.filename));
    if (!PLATFORM_NEUTRAL.has(layer)) return {};
    const named = (text) => PLATFORMS.find((name) => text === name || text.startsWith(`${name}:`));
    const check = (node, text) => {
      const name = typeof text === "string" ? named(text) : undefined;
      if (name)
        context.report({
          node,
          message: `${layer} names the platform "${name}": platform rules belong in src/adapters/${name}/ (docs/ARCHITECTURE.md)`,
        });
    };
    return {
      Literal: (node) => check(node, node.value),
      TemplateElement: (node) => check(node, node.value.cooked),
    };
  },
};

export default {
  rules: { "layer-boundaries": layerBoundaries, "core-is-pure": coreIsPure, "names-no-platform": namesNoPlatform },
};
