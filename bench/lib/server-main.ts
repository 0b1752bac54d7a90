/**
 * Entry of a server child process (bench/lib/server-process.ts): the real Node entry src/server.ts,
 * plus an exit on SIGTERM/SIGINT through process.exit, so that `node --cpu-prof` writes its profile
 * (a process ended by the default signal action writes none). `kill -9` still ends it at once.
 */
export {};

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
await import("../../src/server.js");
