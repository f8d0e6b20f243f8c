// Copies the browser files of our npm dependencies into static/build/,
// with the source maps they name (collectstatic checks every reference).
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("static/build/leaflet", { recursive: true });
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(`node_modules/govuk-frontend/dist/govuk/${file}`, `static/build/${file}`);
}
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  cpSync(`node_modules/leaflet/dist/${file}`, `static/build/leaflet/${file}`);
}
cpSync("node_modules/leaflet/dist/images", "static/build/leaflet/images", { recursive: true });
