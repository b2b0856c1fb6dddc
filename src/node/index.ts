export { taskMonitor, type MonitorStats, type TaskMonitor } from './monitor';
export type { TaskMonitorOptions, ZombieOptions } from './options';
export { groupZombies, type Zombie, type ZombieFollowUp, type ZombieGroup, type ZombieOutcome, type ZombieReport } from './report';
export { zombies } from './zombies';
