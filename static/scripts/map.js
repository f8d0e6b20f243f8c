// Draws the page's map with Leaflet. The page is complete without it: the
// places are listed in the page, and the map has a text alternative.
const container = document.querySelector("[data-map]");
const data = document.getElementById("map-points");

if (container && data && window.L) {
  const points = JSON.parse(data.textContent);
  if (points.length) {
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
}
