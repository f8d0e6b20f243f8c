// Draws the page's map with Leaflet, when asked. The page is complete without it:
// the places are listed in the page, and the map has a text alternative. Leaflet
// (about 42 KB gzipped) is fetched only on "Show the map", so pages stay light.
const container = document.querySelector("[data-map]");
const data = document.getElementById("map-points");
const show = document.querySelector("[data-map-show]");

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement(tag), attributes);
    element.addEventListener("load", resolve);
    element.addEventListener("error", reject);
    document.head.append(element);
  });
}

function draw(points) {
  container.hidden = false;
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(container.dataset.tiles, {
    attribution: container.dataset.attribution,
    maxZoom: 18,
  }).addTo(map);
  const markers = points.map((point) => {
    const marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name });
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    link.className = "govuk-link";
    return marker.bindPopup(link);
  });
  const group = L.featureGroup(markers).addTo(map);
  if (points.length === 1) {
    map.setView([points[0].lat, points[0].lng], 15);
  } else {
    map.fitBounds(group.getBounds().pad(0.1));
  }
}

if (container && data && show) {
  const points = JSON.parse(data.textContent);
  if (points.length) {
    show.hidden = false;
    show.addEventListener(
      "click",
      async () => {
        show.disabled = true;
        await Promise.all([
          load("link", { rel: "stylesheet", href: container.dataset.leafletCss }),
          load("script", { src: container.dataset.leafletJs }),
        ]);
        show.hidden = true;
        draw(points);
        container.focus();
      },
      { once: true },
    );
  }
}
