{{/* Labels every object carries; Helm's bookkeeping labels only when not rendering plain manifests. */}}
{{- define "arbiter.labels" -}}
app.kubernetes.io/part-of: arbiter
{{- if not .Values.plain }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: stable across upgrades. */}}
{{- define "arbiter.selector" -}}
app.kubernetes.io/part-of: arbiter
app.kubernetes.io/name: arbiter-{{ . }}
{{- end -}}

{{/* An image reference: registry/repository, then @digest or :tag. */}}
{{- define "arbiter.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $tag := $image.tag | default $root.Values.images.tag | default $root.Chart.AppVersion -}}
{{- if $image.digest -}}
{{ $root.Values.images.registry }}/{{ $image.repository }}@{{ $image.digest }}
{{- else -}}
{{ $root.Values.images.registry }}/{{ $image.repository }}:{{ $tag }}
{{- end -}}
{{- end -}}

{{/* The services namespace. */}}
{{- define "arbiter.namespace" -}}
{{- if .Values.namespaces.createServices -}}
{{ .Values.namespaces.services }}
{{- else -}}
{{ .Release.Namespace }}
{{- end -}}
{{- end -}}

{{/* Pod Security Admission: restricted, enforced, audited and warned, at the latest version. */}}
{{- define "arbiter.psaRestricted" -}}
pod-security.kubernetes.io/enforce: restricted
pod-security.kubernetes.io/enforce-version: latest
pod-security.kubernetes.io/audit: restricted
pod-security.kubernetes.io/warn: restricted
{{- end -}}

{{/* Container security context of the services: non-root, read-only, no capabilities. */}}
{{- define "arbiter.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 185
runAsGroup: 185
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
