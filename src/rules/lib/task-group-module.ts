/** The module suggestions import the runtime from (`TaskGroup`, `background`). */
export const TASK_GROUP_MODULE = 'eslint-plugin-taskgroup/task-group';
