/**
 * The coordinator's web page: a single page ({@link io.drover.coordinator.web.WebPage}, plain HTML, JavaScript and CSS
 * from {@code io/drover/web/}) that reads the HTTP API, and the one read it adds, an attempt's stored files
 * ({@link io.drover.coordinator.web.RunFiles}). docs/web.md says what the page shows.
 */
package io.drover.coordinator.web;
