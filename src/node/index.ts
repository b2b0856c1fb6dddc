export { taskMonitor, type MonitorStats, type TaskMonitor } from './monitor';
export type { TaskMonitorOptions, ZombieOptions } from './options';
export type { Zombie, ZombieReport } from './report';
export { zombies } from './zombies';
