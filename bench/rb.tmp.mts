import { storeBench } from "./store.js";
await storeBench();
