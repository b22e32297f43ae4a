import js from "@eslint/js";
import tseslint from "typescript-eslint";
import layers from "./eslint.layers.js";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { jobhound: layers },
    rules: {
      "jobhound/layer-boundaries": "error",
      "jobhound/core-is-pure": "error",
      "jobhound/names-no-platform": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
      eqeqeq: "error",
    },
  },
  {
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
