// The demo server serves the built page under /pkg/ (its --pkg-dir), same origin as its IdMS endpoints.
export default { base: "/pkg/", logLevel: "warn", build: { outDir: "dist", target: "es2022", emptyOutDir: true } };
