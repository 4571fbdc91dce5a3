import type { MetadataRoute } from "next";

/**
 * The web app manifest (/manifest.webmanifest, linked from every page by Next): installable on a
 * phone's home screen, opening on the athlete's own start page in its own window (ADR 018).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Runbalance",
    short_name: "Runbalance",
    description: "Coaching for runners: easy days easy, hard days hard. Log runs anywhere, even offline.",
    start_url: "/dashboard",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#1d4ed8",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
