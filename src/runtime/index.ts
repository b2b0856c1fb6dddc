export { background, type BackgroundGroup } from './background';
export { taskStats } from './stats';
export { TaskGroup } from './task-group';
export type { Task, TaskGroupOptions, TaskLike, TaskResult, TaskStats, TaskTuple } from './types';
