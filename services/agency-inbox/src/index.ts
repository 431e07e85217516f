/** The agency inbox is a process of its own (dist/main.js); nothing is imported from it. */
export {};
