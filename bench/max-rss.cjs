// Preloaded into a child process (`node --require bench/max-rss.cjs ...`) when /usr/bin/time is missing:
// reports the process's peak resident set size on stderr as it exits.
process.on('exit', () => {
    process.stderr.write(`\narchscope-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
