// Copies the browser files of our npm dependencies into static/build/.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("static/build/leaflet", { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "static/build/govuk-frontend.min.js");
for (const file of ["leaflet.js", "leaflet.css"]) {
  cpSync(`node_modules/leaflet/dist/${file}`, `static/build/leaflet/${file}`);
}
cpSync("node_modules/leaflet/dist/images", "static/build/leaflet/images", { recursive: true });
