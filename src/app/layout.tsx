import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";
import { NavigationProgress } from "./navigation-progress";

// Self-hosted (builds are offline): the variable Inter from @fontsource.
const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Runbalance", template: "%s · Runbalance" },
  description: "Coaching for runners: easy days easy, hard days hard.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts need the nonce of this response's
  // Content-Security-Policy (src/proxy.ts), which a page prerendered at build time cannot have.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">
        <NavigationProgress />
        {children}
      </body>
    </html>
  );
}
