/**
 * The floor of a backend start: Node with the tsx loader running a script that only prints
 * a ready line (startup.ts times it like the backend, spawn to this line).
 */
process.stdout.write('baseline ready\n');
