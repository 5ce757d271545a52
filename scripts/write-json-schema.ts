// Regenerates schema/scheme.schema.json from the zod schema (npm run schema:json).
import { writeFileSync, mkdirSync } from "node:fs";
import { schemeJsonSchema } from "../src/scheme/jsonSchema";

mkdirSync("schema", { recursive: true });
writeFileSync("schema/scheme.schema.json", JSON.stringify(schemeJsonSchema(), null, 2) + "\n");
console.log("wrote schema/scheme.schema.json");
