// A click on the map fills latitude and longitude (the inverse of the server's projection).
// With "Draw a line" ticked, later clicks add points to the line field instead.
// Without JavaScript the latitude, longitude and line fields work on their own.
document.addEventListener("DOMContentLoaded", function () {
  var figure = document.querySelector(".input-map");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!figure || !lat || !lon) { return; }
  var svg = figure.querySelector("svg");
  var chosen = figure.querySelector(".input-map__chosen");
  var line = document.getElementById("id_line");
  var drawLine = document.getElementById("draw-line");
  if (drawLine) {
    drawLine.hidden = false;
    document.querySelector("label[for='draw-line']").hidden = false;
  }
  var p = function (name) { return parseFloat(figure.dataset[name]); };
  svg.addEventListener("click", function (event) {
    if (event.target.closest("a")) { return; }
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var local = point.matrixTransform(svg.getScreenCTM().inverse());
    var longitude = p("minX") + (local.x - p("margin")) / p("scaleX");
    var latitude = p("minY") + (p("height") - p("margin") - local.y) / p("scaleY");
    if (drawLine && drawLine.checked && line && lat.value) {
      line.value = (line.value.trim() ? line.value.trim() + "\n" : "") +
        latitude.toFixed(5) + ", " + longitude.toFixed(5);
      return;
    }
    lat.value = latitude.toFixed(5);
    lon.value = longitude.toFixed(5);
    chosen.setAttribute("cx", local.x);
    chosen.setAttribute("cy", local.y);
  });
});
